import { CHANNEL_POLICY, DATA_CHANNELS } from './data-policy';
import { BatchRow, checkUnpack, countBatch, importRejection, monthEndOf, rowsToLoad, summariseOpenEntries } from './data-records';
import { usccCheckCharacter } from './uscc';

const code = (first17: string) => first17 + usccCheckCharacter(first17);
const good = { subjectCode: code('91420100MA4K00001'), subjectName: '武汉长江示范科技有限公司', itemName: '欠税记录', value: '无' };

describe('P5/P6 record rules', () => {
  it('has a policy per channel; only agreement channels need a provider agreement', () => {
    expect(DATA_CHANNELS.map((c) => [c, CHANNEL_POLICY[c].agreement])).toEqual([
      ['online', true],
      ['disk', true],
      ['manual', true],
      ['open', false],
    ]);
    expect(CHANNEL_POLICY.disk.copyWitness && CHANNEL_POLICY.manual.manualEntry && CHANNEL_POLICY.open.monthly).toBe(true);
  });

  it('rejects bad check characters, empty fields and repeats within a file at import', () => {
    const seen = new Set<string>();
    expect(importRejection(good, seen)).toBeUndefined();
    expect(importRejection(good, seen)).toBe('同一文件内重复报送的记录');
    const wrongCheck = good.subjectCode.slice(0, 17) + (good.subjectCode[17] === '0' ? '1' : '0');
    expect(importRejection({ ...good, subjectCode: wrongCheck }, seen)).toMatch(/校验位/);
    expect(importRejection({ ...good, itemName: '贷款余额', value: ' ' }, seen)).toBe('信息内容为空');
    expect(importRejection({ ...good, itemName: ' ' }, seen)).toBe('信息项名称为空');
  });

  it('finds an unpacked file that does not match its register', () => {
    expect(checkUnpack(1, [good]).problems).toEqual([]);
    expect(checkUnpack(3, [good]).problems).toEqual(['登记记录数 3 与原始文件记录数 1 不一致']);
    expect(checkUnpack(0, []).problems).toEqual(['文件中没有记录']);
  });

  it('ends a collection month at midnight China time on the first of the next month', () => {
    expect(monthEndOf('2026-03')).toBe(new Date('2026-04-01T00:00:00+08:00').toISOString());
    expect(monthEndOf('2026-12')).toBe(new Date('2027-01-01T00:00:00+08:00').toISOString());
    expect(() => monthEndOf('2026-3')).toThrow();
  });

  it('counts a batch and picks what the next load takes', () => {
    const rows: BatchRow[] = [
      { ...good, provider: 'p', state: 'loaded' },
      { ...good, provider: 'p', state: 'rejected' },
      { ...good, provider: 'p', state: 'rematched' },
      { ...good, provider: 'p', state: 'excluded' },
      { ...good, provider: 'p', state: 'imported' },
    ];
    expect(countBatch(rows, 2)).toEqual({ recordsTotal: 5, recordsIn: 4, recordsRejected: 1, recordsLoaded: 1, recordsExcluded: 1, loadAttempts: 2 });
    expect(rowsToLoad(rows).map((r) => r.state)).toEqual(['rematched', 'imported']);
  });

  it('sums the month-end report by item and by source', () => {
    const summary = summariseOpenEntries([
      { itemName: '行政处罚', source: '市场监管网站', records: 2 },
      { itemName: '表彰', source: '政府公报', records: 1 },
      { itemName: '行政处罚', source: '政府公报', records: 3 },
    ]);
    expect(summary).toEqual({
      entries: 3,
      records: 6,
      byItem: [
        { itemName: '行政处罚', entries: 2, records: 5 },
        { itemName: '表彰', entries: 1, records: 1 },
      ].sort((a, b) => a.itemName.localeCompare(b.itemName)),
      bySource: [
        { source: '市场监管网站', entries: 1, records: 2 },
        { source: '政府公报', entries: 2, records: 4 },
      ].sort((a, b) => a.source.localeCompare(b.source)),
    });
  });
});
