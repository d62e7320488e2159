import { APICallError, type LanguageModelMiddleware } from 'ai';
import { knownCodeOf } from './errors';

/**
 * The AI SDK retries an APICallError by its HTTP status (408, 409, 429, 5xx). GLM backends put the
 * real reason in a business code: Z.ai's 1113 (no balance, or a key whose plan does not cover the
 * endpoint) comes as HTTP 429, and asking again only repeats it. A call that failed with a code known
 * not to be retryable is rethrown as not retryable, so the SDK gives up on the first answer.
 */
export function withoutRetryFor(error: unknown): unknown {
  if (!APICallError.isInstance(error) || !error.isRetryable) return error;
  const known = knownCodeOf(error);
  if (!known || known.retryable) return error;
  return new APICallError({
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    cause: error.cause,
    data: error.data,
    isRetryable: false,
  });
}

export function retryPolicyMiddleware(): LanguageModelMiddleware {
  return {
    specificationVersion: 'v3',
    wrapGenerate: async ({ doGenerate }) => {
      try {
        return await doGenerate();
      } catch (error) {
        throw withoutRetryFor(error);
      }
    },
    wrapStream: async ({ doStream }) => {
      try {
        return await doStream();
      } catch (error) {
        throw withoutRetryFor(error);
      }
    },
  };
}
