/** A piece of infrastructure this process started or was given: where it is, and how to stop it. */
export interface RunningService {
  url: string;
  stop(): Promise<void>;
}
