// States an agent may report about itself with `gt signal`.
export const signalStates = ['working', 'idle', 'waiting', 'done'] as const;
export type AgentState = 'working' | 'idle' | 'waiting';
