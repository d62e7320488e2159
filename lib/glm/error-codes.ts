/**
 * The business codes GLM backends put in their error bodies, each with whether asking again can help
 * and the sentence a user reads. The HTTP status alone misleads: Z.ai sends its billing error 1113 as
 * HTTP 429, which the AI SDK would retry as a rate limit (see lib/glm/README.md).
 *
 * Z.ai: https://docs.z.ai/api-reference/api-code (the `error.code` string of `{"error":{code,message}}`).
 * Cloudflare: the v4 envelope's `errors[].code` (Workers AI 3xxx/5xxx, routing 7xxx, auth 10000) and
 * AI Gateway's own 2xxx codes.
 */

export type ErrorCategory =
  | 'auth'
  | 'billing'
  | 'plan'
  | 'quota'
  | 'rate-limit'
  | 'overloaded'
  | 'context'
  | 'content-safety'
  | 'invalid'
  | 'model'
  | 'route'
  | 'server';

export interface KnownErrorCode {
  category: ErrorCategory;
  /** Asking again (now or after a pause) can succeed. */
  retryable: boolean;
  /** The sentence, given ` (upstream message)` or ''. Ends with a full stop. */
  sentence: (detail: string) => string;
}

const code = (category: ErrorCategory, retryable: boolean, sentence: (detail: string) => string) => ({
  category,
  retryable,
  sentence,
});

/** The one sentence for a conversation that does not fit (shared with the finish-reason path). */
export const contextWindowSentence = (detail = ''): string =>
  `The conversation is too long for the model's context window${detail}.`;

export const authSentence = (detail: string) =>
  `The GLM provider rejected the API key${detail}. Check GLM_API_KEY or CLOUDFLARE_API_TOKEN.`;
export const rateLimitSentence = (detail: string) =>
  `GLM is rate limited or at capacity right now${detail}. Wait a moment and try again.`;

/** Z.ai's documented business codes. */
export const ZAI_ERROR_CODES: Record<string, KnownErrorCode> = {
  '1000': code('auth', false, authSentence),
  '1001': code('auth', false, authSentence),
  '1002': code('auth', false, authSentence),
  '1003': code(
    'auth',
    false,
    (d) => `The Z.ai API key has expired${d}. Create a new key and set GLM_API_KEY.`,
  ),
  '1004': code('auth', false, authSentence),
  '1110': code(
    'billing',
    false,
    (d) => `The Z.ai account is not active${d}. Activate it on z.ai, then try again.`,
  ),
  '1111': code('auth', false, (d) => `Z.ai does not know this account${d}. Check GLM_API_KEY.`),
  '1112': code('billing', false, (d) => `The Z.ai account is locked${d}. Contact Z.ai support to unlock it.`),
  '1113': code(
    'billing',
    false,
    (d) =>
      `The Z.ai account has no balance or no resource package for this model${d}. ` +
      'Top up the account or use a key whose plan includes this endpoint; retrying will not help.',
  ),
  '1120': code('billing', false, (d) => `Z.ai could not access the account${d}. Check the account on z.ai.`),
  '1121': code(
    'billing',
    false,
    (d) => `The Z.ai account is locked for irregular activity${d}. Contact Z.ai support.`,
  ),
  '1200': code('server', true, (d) => `Z.ai could not process the call${d}. Try again.`),
  '1210': code(
    'invalid',
    false,
    (d) => `Z.ai refused the request's parameters${d}. Check the model settings.`,
  ),
  '1211': code('model', false, (d) => `The GLM model was not found on Z.ai${d}. Check GLM_MODEL.`),
  '1212': code(
    'model',
    false,
    (d) => `This Z.ai model does not support this kind of request${d}. Check GLM_MODEL.`,
  ),
  '1213': code('invalid', false, (d) => `Z.ai missed a required parameter${d}. Check the model settings.`),
  '1214': code(
    'invalid',
    false,
    (d) => `Z.ai refused a parameter of the request${d}. Check the model settings.`,
  ),
  '1215': code(
    'invalid',
    false,
    (d) => `Two parameters of the request conflict for Z.ai${d}. Check the model settings.`,
  ),
  '1220': code('plan', false, (d) => `The Z.ai key may not use this API${d}. Check the key's permissions.`),
  '1221': code('route', false, (d) => `Z.ai has taken this API offline${d}. Check GLM_BASE_URL.`),
  '1222': code('route', false, (d) => `Z.ai has no such API${d}. Check GLM_BASE_URL.`),
  '1230': code('server', true, (d) => `Z.ai failed while processing the call${d}. Try again.`),
  '1231': code(
    'rate-limit',
    true,
    (d) => `Z.ai is still busy with an earlier request of this account${d}. Try again in a moment.`,
  ),
  '1234': code('server', true, (d) => `Z.ai reported a network error${d}. Try again.`),
  '1261': code('context', false, contextWindowSentence),
  '1301': code(
    'content-safety',
    false,
    (d) =>
      `Z.ai's content safety check rejected the conversation${d}. Rephrase the message and send it again.`,
  ),
  '1302': code('rate-limit', true, rateLimitSentence),
  '1303': code(
    'rate-limit',
    true,
    (d) => `GLM is being asked too often right now${d}. Wait a moment and try again.`,
  ),
  '1304': code(
    'quota',
    false,
    (d) => `The Z.ai account has used up today's calls for this API${d}. Try again tomorrow.`,
  ),
  '1305': code('overloaded', true, (d) => `Z.ai is overloaded right now${d}. Try again in a moment.`),
  '1308': code(
    'quota',
    false,
    (d) => `The Z.ai plan's usage limit is reached${d}. Wait for the quota to reset.`,
  ),
  '1309': code(
    'plan',
    false,
    (d) => `The GLM Coding Plan has expired${d}. Renew it or use a pay-as-you-go key.`,
  ),
  '1310': code(
    'quota',
    false,
    (d) => `The Z.ai plan's weekly or monthly limit is used up${d}. Wait for the quota to reset.`,
  ),
  '1311': code(
    'plan',
    false,
    (d) => `The Z.ai plan does not include this model${d}. Change GLM_MODEL or the plan.`,
  ),
  '1313': code(
    'quota',
    false,
    (d) => `Z.ai's fair-use policy restricts this account${d}. Contact Z.ai support.`,
  ),
};

/** Cloudflare Workers AI (v4 envelope) and AI Gateway codes. */
export const CLOUDFLARE_ERROR_CODES: Record<string, KnownErrorCode> = {
  '10000': code('auth', false, authSentence),
  '2009': code(
    'auth',
    false,
    (d) =>
      `The Cloudflare AI Gateway rejected the request as unauthenticated${d}. Check CLOUDFLARE_AI_GATEWAY_TOKEN.`,
  ),
  '2008': code(
    'route',
    false,
    (d) => `The Cloudflare AI Gateway does not know this provider${d}. Check CLOUDFLARE_AI_GATEWAY.`,
  ),
  '2016': code(
    'content-safety',
    false,
    (d) => `The Cloudflare AI Gateway's guardrails blocked the message${d}. Rephrase it.`,
  ),
  '2017': code(
    'content-safety',
    false,
    (d) => `The Cloudflare AI Gateway's guardrails blocked the answer${d}.`,
  ),
  '3036': code('quota', false, (d) => `The provider's daily free allocation is used up${d}.`),
  '3040': code('rate-limit', true, rateLimitSentence),
  '5021': code('context', false, contextWindowSentence),
  '7003': code(
    'route',
    false,
    (d) =>
      `Cloudflare could not route the request: the account or model was not found${d}. Check CLOUDFLARE_ACCOUNT_ID and GLM_MODEL.`,
  ),
  '7000': code('route', false, (d) => `Cloudflare has no route for that address${d}. Check GLM_BASE_URL.`),
};

/** The known meaning of a backend's business code, if any. */
export function knownErrorCode(upstreamCode: string | undefined): KnownErrorCode | undefined {
  if (upstreamCode === undefined) return undefined;
  if (Object.hasOwn(ZAI_ERROR_CODES, upstreamCode)) return ZAI_ERROR_CODES[upstreamCode];
  if (Object.hasOwn(CLOUDFLARE_ERROR_CODES, upstreamCode)) return CLOUDFLARE_ERROR_CODES[upstreamCode];
  return undefined;
}
