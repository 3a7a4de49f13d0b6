/** Control APIs answer only on loopback: a simulator bound to 0.0.0.0 still cannot be steered from outside. */
import type { RequestHandler } from 'express';

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || plain.startsWith('127.');
}

/** Answers 404 (as if the path did not exist) to any peer that is not on loopback. */
export const loopbackOnly: RequestHandler = (request, response, next) => {
  if (isLoopbackAddress(request.socket.remoteAddress)) return next();
  response.status(404).json({ error: 'not found' });
};
