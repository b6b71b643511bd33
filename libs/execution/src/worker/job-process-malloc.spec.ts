import { jobProcessMallocEnv } from './job-process-malloc';

describe('jobProcessMallocEnv', () => {
  it('keeps buffers up to 32 MiB on the heap and 256 MiB of freed heap in the process', () => {
    expect(jobProcessMallocEnv({})).toEqual({ MALLOC_MMAP_THRESHOLD_: '33554432', MALLOC_TRIM_THRESHOLD_: '268435456' });
  });

  it("leaves a variable the operator set to the operator's value", () => {
    expect(jobProcessMallocEnv({ MALLOC_TRIM_THRESHOLD_: '1048576' })).toEqual({ MALLOC_MMAP_THRESHOLD_: '33554432' });
  });

  it('sets nothing when GLIBC_TUNABLES tunes malloc', () => {
    expect(jobProcessMallocEnv({ GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=0' })).toEqual({});
    expect(Object.keys(jobProcessMallocEnv({ GLIBC_TUNABLES: 'glibc.pthread.rseq=0' }))).toHaveLength(2);
  });
});
