// The model's predictions for the journal. core/model/stateMachine.ts (predictCall) is the source;
// until it is available this predictor returns nothing, and entries carry no prediction.
import type { Predictor } from './session';

export function modelPredictor(): Predictor | undefined {
  return undefined;
}
