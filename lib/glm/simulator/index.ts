export { createSimulator } from './simulator';
export { SimulatedDropError } from './stream';
export type {
  GlmSimulator,
  RecordedRequest,
  ResolvedSimulatorOptions,
  SimulatorFlavour,
  SimulatorOptions,
  VllmReasoningField,
} from './types';
export { SIMULATOR_FLAVOURS } from './types';
