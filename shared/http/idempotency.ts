// Idempotency-Key on POSTs that create things: Powertools idempotency with DynamoDB persistence.
// A retry with the same key and body gets the first answer; the same key with another body is refused.
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { AppError, badRequest, conflict } from '../errors';
import { requireEnv } from '../config';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

export interface Idempotency {
  run<I extends { body?: unknown; caller?: { id: string } }>(call: IdempotentCall<I>): Promise<unknown>;
  /** The 4xx for an idempotency refusal; undefined for any other error. */
  toAppError(err: unknown): AppError | undefined;
}

/** Records go to the table named by IDEMPOTENCY_TABLE, kept 24 hours. */
export function powertoolsIdempotency(): Idempotency {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: requireEnv('IDEMPOTENCY_TABLE') });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: '[caller, key]',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  return { run: (call) => runIdempotent(call, persistenceStore, config), toAppError: idempotencyErrorToAppError };
}

interface IdempotentCall<I extends { body?: unknown; caller?: { id: string } }> {
  /** Tenant, service and operation: keys of one route never collide with another's. */
  scope: string;
  key: string;
  input: I;
  context: Context;
  run: (input: I) => Promise<unknown>;
}

async function runIdempotent<I extends { body?: unknown; caller?: { id: string } }>(
  call: IdempotentCall<I>, persistenceStore: DynamoDBPersistenceLayer, config: IdempotencyConfig,
): Promise<unknown> {
  if (!KEY_PATTERN.test(call.key)) {
    throw badRequest('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key phải dài 8–128 ký tự chữ, số, dấu - _ . :', 'Idempotency-Key must be 8–128 letters, digits or - _ . :');
  }
  config.registerLambdaContext(call.context);
  const idempotent = makeIdempotent(async (payload: { caller: string; key: string; body: unknown }) => {
    void payload;
    return call.run(call.input);
  }, { persistenceStore, config, keyPrefix: call.scope });
  return idempotent({ caller: call.input.caller?.id ?? 'anonymous', key: call.key, body: call.input.body ?? null });
}

function idempotencyErrorToAppError(err: unknown): AppError | undefined {
  if (err instanceof IdempotencyValidationError) {
    return new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key này đã dùng cho một yêu cầu khác.', 'This Idempotency-Key was used with a different request.');
  }
  if (err instanceof IdempotencyAlreadyInProgressError) {
    return conflict('REQUEST_IN_PROGRESS', 'Yêu cầu cùng Idempotency-Key đang được xử lý, vui lòng thử lại sau.', 'A request with this Idempotency-Key is still in progress.');
  }
  return undefined;
}
