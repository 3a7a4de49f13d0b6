/**
 * The `{Success, Error, Data}` envelope of every `/inloggad2` JSON answer (platform file §3).
 * `Success: false` is always an error with a Swedish message and `Data: null`, answered with 200.
 * Messages name parameters, never values, so no personal data can reach them.
 */
import type { Response } from 'express';

export interface Envelope<Data> {
  readonly Success: boolean;
  readonly Error: string | null;
  readonly Data: Data | null;
}

/** The platform's error texts. Invented (platform file §3): all but `topology`, which is the City's 2021 answer. */
export const FAILURE = {
  xsrf: 'Ogiltig eller saknad XSRF-token',
  topology: 'Bad request',
  noSchoolSelected: 'Ingen skola är vald',
  unknownSchool: 'Skolan finns inte eller du saknar behörighet till den',
  badRequestBody: 'Ogiltig begäran',
  snapshotInFuture: 'changedUntil ligger efter serverns tid',
  badParameter: (name: string): string => `Ogiltigt värde för parametern ${name}`,
} as const;

export function sendSuccess(response: Response, data: unknown): void {
  response.json({ Success: true, Error: null, Data: data } satisfies Envelope<unknown>);
}

export function sendFailure(response: Response, message: string): void {
  response.json({ Success: false, Error: message, Data: null } satisfies Envelope<never>);
}
