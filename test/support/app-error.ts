// What pure rules refuse with: the AppError a call throws.
import { AppError } from '#shared/errors';

/** What a call throws, or fails the test when it does not throw (or throws something else). */
export function thrown(act: () => unknown): AppError {
  try {
    act();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError, nothing was thrown');
}
