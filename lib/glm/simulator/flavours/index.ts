import type { SimulatorFlavour } from '../types';
import { cloudflareFlavour } from './cloudflare';
import { llamacppFlavour } from './llamacpp';
import { ollamaFlavour } from './ollama';
import type { Flavour } from './types';
import { vllmFlavour } from './vllm';
import { zaiFlavour } from './zai';

export const FLAVOURS: Record<SimulatorFlavour, Flavour> = {
  zai: zaiFlavour,
  vllm: vllmFlavour,
  cloudflare: cloudflareFlavour,
  ollama: ollamaFlavour,
  llamacpp: llamacppFlavour,
};

export type { Flavour } from './types';
