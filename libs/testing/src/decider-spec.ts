/** The three functions of an aggregate written as a decider. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * Given past events, When a command, Then the new events (or the refusal). The state is built
 * only from events, the way the event store rebuilds it.
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given: (events: Event[]) => ({
      when: (command: Command) => {
        const decideNow = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
        return {
          then: (expected: Event[]) => expect(decideNow()).toEqual(expected),
          thenRefuses: (refusal: new (...args: never[]) => Error) => expect(decideNow).toThrow(refusal),
        };
      },
    }),
  };
}
