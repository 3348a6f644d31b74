/**
 * Infrastructure that cannot start on this machine as it is, with the one thing to do about it.
 * Its message is shown to the person as it is, without a stack trace.
 */
export class InfrastructureSetupError extends Error {
  override readonly name = 'InfrastructureSetupError';
}
