/** An aggregate written as a decider: pure decisions over state rebuilt from its own events. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
