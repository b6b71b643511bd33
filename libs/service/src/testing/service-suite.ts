/// <reference types="jest" />
import { openServiceStack, type ServiceStack } from './service-stack';

/**
 * A test suite's {@link ServiceStack}: opened in a `beforeAll` hook registered
 * where this is called (so the suite's later hooks see it open), its database
 * closed after the suite. The fields read the open stack, so use them inside
 * tests and hooks.
 *
 * @example
 * describe('TrainingService', () => {
 *   const stack = useServiceStack('tsf-service-');
 *   it('trains', async () => { await stack.container.get(TrainingService).train(request); });
 * });
 */
export function useServiceStack(prefix: string): ServiceStack {
  let open: ServiceStack | undefined;
  beforeAll(async () => {
    open = await openServiceStack(prefix);
  });
  afterAll(async () => open?.database.close());
  const current = (): ServiceStack => {
    if (open === undefined) throw new Error(`the service stack '${prefix}' opens in beforeAll: use it inside a test or hook`);
    return open;
  };
  return {
    get container() {
      return current().container;
    },
    get database() {
      return current().database;
    },
    get logger() {
      return current().logger;
    },
    get dir() {
      return current().dir;
    },
  };
}
