import { getConfig } from '@/lib/config';
import { createGlm, type Glm } from './provider';

const holder = globalThis as unknown as { __glmChatGlm?: Glm };

/** The process's GLM client, made once from the configuration. */
export function getGlm(): Glm {
  holder.__glmChatGlm ??= createGlm(getConfig());
  return holder.__glmChatGlm;
}

export type { Glm } from './provider';
