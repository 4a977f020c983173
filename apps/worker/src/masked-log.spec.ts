import { maskedLogFunction } from './masked-log';

describe('maskedLogFunction', () => {
  it("writes Temporal's log line with the error's ID numbers and phones masked", () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      maskedLogFunction({
        level: 'WARN',
        timestampNanos: 1_764_000_000_000n * 1_000_000n,
        message: 'Activity failed',
        meta: { error: new Error('Key (id_number)=(370323198001010018) already exists; 13812345678') },
      });
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^2025-11-24T\S+ \[WARN\] Activity failed /);
    expect(written[0]).toContain('370323********0018');
    expect(written[0]).toContain('138****5678');
    expect(written[0]).not.toMatch(/\d{17}[\dX]/);
  });
});
