import { residentId, uscc } from '../persistence/demo-data';
import { validatePayload } from './form-registry';
import { ObjectionStartInput } from './objection.forms';

const objection = (subjectCode: string) => ({
  subjectName: '申请人',
  subjectCode,
  reportId: 'R-1',
  reportQueriedAt: '2026-11-01T10:00:00+08:00',
  itemName: '行政处罚记录',
  originalValue: '罚款2000元',
  claimedValue: '无',
  evidence: [{ name: '撤销决定书' }],
  channel: 'outlet',
});

describe('the objection start form', () => {
  it('takes an organisation by its unified social credit code and a natural person by the resident identity number (002 §10–12, 003 C.3)', async () => {
    expect(await validatePayload(ObjectionStartInput, objection(uscc('91420100MA4K00001')), 'input')).toEqual([]);
    expect(await validatePayload(ObjectionStartInput, objection(residentId('42010219850615001')), 'input')).toEqual([]);
  });

  it('refuses either code with a wrong check character, naming the field', async () => {
    const person = residentId('42010219850615001');
    const wrong = person.slice(0, 17) + (person[17] === '1' ? '2' : '1');
    expect(await validatePayload(ObjectionStartInput, objection(wrong), 'input')).toEqual([{ field: 'input.subjectCode', message: expect.stringContaining('resident identity number') }]);
    expect(await validatePayload(ObjectionStartInput, objection('91420100MA4K00001A'), 'input')).toEqual([{ field: 'input.subjectCode', message: expect.any(String) }]);
  });
});
