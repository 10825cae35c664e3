import type { CubeAccountStore } from '../connectycube/client.ts';
import type { CubeAccount } from '../connectycube/types.ts';

/** The client's account store, in memory: the check's sessions are never written anywhere. */
export function memoryAccountStore(): CubeAccountStore {
  let stored: CubeAccount | null = null;
  return {
    get: async () => stored,
    set: async (account) => {
      stored = account;
    },
  };
}
