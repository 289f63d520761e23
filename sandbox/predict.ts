// The model's predictions for the journal, from core/model/stateMachine.ts through core/sandbox/predict.ts.
import { predictSandboxCall } from '../core/sandbox/predict';
import type { Predictor } from './session';

export function modelPredictor(): Predictor {
  return predictSandboxCall;
}
