/**
 * Output format v1 of `rules eval` (rules §8), and the readable summary printed without `--json`.
 */
import type { StatusedEvent } from '../events.js';
import type { RunResult } from '../engine.js';

export const EVAL_FORMAT = 'skolbrygga.rule-eval/v1';

/** The event in §8's field order; `evidence` sorted; descriptive `addressees` only when there are some to name. */
function outputEvent(event: StatusedEvent): Record<string, unknown> {
  const output: Record<string, unknown> = {
    id: event.id,
    pack: event.pack,
    type: event.type,
    status: event.status,
    triggerDate: event.triggerDate,
    subject: event.subject,
    protectedIdentity: event.protectedIdentity,
    recipient: event.recipient,
    evidence: [...event.evidence].sort(),
    details: event.details,
  };
  if (event.addressees) output.addressees = event.addressees;
  return output;
}

export function evalOutput(results: readonly RunResult[]): { format: string; runs: unknown[] } {
  return {
    format: EVAL_FORMAT,
    runs: results.map((result) => ({
      run: result.run,
      events: result.events.map(outputEvent),
      delta: result.delta.map(outputEvent),
    })),
  };
}

export function renderEvalJson(results: readonly RunResult[]): string {
  return `${JSON.stringify(evalOutput(results), null, 2)}\n`;
}

/** A compact account of an event's details for the table. */
function summary(event: StatusedEvent): string {
  switch (event.type) {
    case 'warning.oral':
      return `${event.details.occasions} occasions, ${event.details.invalidMinutes} min, ${event.details.windowStart}…${event.details.windowEnd}`;
    case 'warning.written':
      return `${event.details.reason}, valid until ${event.details.validUntil}`;
    case 'csn.report':
      return `#${event.details.ordinal}, first skolk ${event.details.firstSkolkDate}, ${event.details.invalidMinutes30d} min / ${event.details.occasions30d} occasions, guidance ${event.details.csnGuidanceMet ? 'met' : 'not met'}`;
    case 'csn.report.suppressed':
      return `studiehjälp ended ${event.details.studiehjalpEndedOn}`;
    case 'csn.resume':
      return `#${event.details.ordinal}, clean since ${event.details.cleanSince}`;
    case 'hemkommun.notice':
      return `#${event.details.ordinal}`;
    case 'notify.invalid_absence':
      return `${event.details.lessons.join(' ') || 'day'}, ${event.details.minutes} min, due ${event.details.dueDate}`;
    case 'investigation.recommended':
      return `#${event.details.ordinal} ${event.details.reason}${event.details.absentMinutes === null ? '' : `, ${event.details.absentMinutes}/${event.details.scheduledMinutes} min`}, ${event.details.consecutiveFullDays} full days`;
  }
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** Subjects with protected identity are masked even here: a terminal can be shared or logged. */
function subjectCell(event: StatusedEvent): string {
  return event.protectedIdentity ? '(protected)' : event.subject;
}

export function renderEvalTable(results: readonly RunResult[]): string {
  const sections = results.map((result) => {
    const header = `Run ${result.run}: ${result.events.length} event(s) in force, ${result.delta.length} change(s)`;
    if (result.delta.length === 0) return `${header}\n  (no changes)`;
    const rows = [
      ['STATUS', 'TRIGGER', 'TYPE', 'SUBJECT', 'RECIPIENT', 'EVIDENCE', 'DETAILS'],
      ...result.delta.map((event) => [
        event.status,
        event.triggerDate,
        event.type,
        subjectCell(event),
        event.recipient,
        event.evidence.join(' ') || '-',
        summary(event),
      ]),
    ];
    return `${header}\n${table(rows)
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')}`;
  });
  return `${sections.join('\n\n')}\n`;
}
