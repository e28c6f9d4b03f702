/** The credit data an objection acts on: the base and credit databases, the mark, disclosure. */
import { ApplicationFailure } from '@temporalio/activity';
import { IsNull } from 'typeorm';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import {
  AcceptanceRejection,
  checkStaticAcceptanceRules,
  DifferenceType,
  OBJECTION_POLICY,
  ObjectionInput,
  ObjectionPolicyKey,
  proposeDifference,
} from '../libs/domain/objection-policy';
import { CreditItemEntity, ProcessEntity } from '../libs/persistence/entities';
import type { ActivityDeps } from './index';

interface ItemRef {
  subjectCode: string;
  itemName: string;
}

export function createCreditActivities({ dataSource }: ActivityDeps) {
  const items = () => dataSource.getRepository(CreditItemEntity);

  async function findItem(ref: ItemRef): Promise<CreditItemEntity> {
    const item = await items().findOneBy({ subjectCode: ref.subjectCode, itemName: ref.itemName, deletedAt: IsNull() });
    if (!item) throw ApplicationFailure.nonRetryable(`no credit item ${ref.itemName} for ${ref.subjectCode}`, WorkflowFailureType.CreditItemNotFound);
    return item;
  }

  return {
    /** 000 §33, 001 §110: the rules that end a case before any person looks at it. */
    async checkObjectionAcceptance(input: { processId: string; policy: ObjectionPolicyKey; input: ObjectionInput; acceptedAt: string }): Promise<AcceptanceRejection | null> {
      const policy = OBJECTION_POLICY[input.policy];
      const staticRejection = checkStaticAcceptanceRules(policy, input.input, new Date(input.acceptedAt));
      if (staticRejection) return staticRejection;
      if (policy.repeatWindowDays) {
        const since = new Date(Date.parse(input.acceptedAt) - policy.repeatWindowDays * 24 * 3600 * 1000);
        const earlier = await dataSource
          .getRepository(ProcessEntity)
          .createQueryBuilder('p')
          .where(`p.process_type = 'objection' AND p.process_id <> :id AND p.input->>'reportId' = :reportId AND p.started_at >= :since AND p.started_at <= :now`, {
            id: input.processId,
            reportId: input.input.reportId,
            since,
            now: new Date(input.acceptedAt),
          })
          .andWhere(`coalesce(p.outcome, '') <> 'not-accepted'`)
          .getCount();
        if (earlier > 0) {
          return { rule: 'repeat-within-30-days', article: '001 §110 一(五)', message: `同一份信用报告在${policy.repeatWindowDays}天内已提出过异议，不予受理` };
        }
      }
      const exists = await items().existsBy({ subjectCode: input.input.subjectCode, itemName: input.input.itemName, deletedAt: IsNull() });
      if (!exists) return { rule: 'unknown-item', article: '000 §33 一(三)', message: `信用记录中没有「${input.input.itemName}」这一信息项` };
      return null;
    },

    async proposeDifference(input: { policy: ObjectionPolicyKey; subjectCode: string; itemName: string; claimedValue: string }): Promise<{ proposed: DifferenceType; baseValue: string | null; creditValue: string | null }> {
      const item = await findItem(input);
      return { proposed: proposeDifference(OBJECTION_POLICY[input.policy], item, input.claimedValue), baseValue: item.baseValue, creditValue: item.creditValue };
    },

    /** 异议标注: from confirmation to the end, reports show the item is under objection. */
    async setObjectionMark(input: ItemRef & { processId: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { objectionProcessId: input.processId });
    },

    async clearObjectionMark(input: ItemRef & { processId: string }): Promise<void> {
      await items().update({ subjectCode: input.subjectCode, itemName: input.itemName, objectionProcessId: input.processId }, { objectionProcessId: null });
    },

    /** Internal difference: the credit database is reloaded from the base database. */
    async reloadItemFromBase(input: ItemRef & { processId: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { creditValue: item.baseValue });
    },

    /** The provider's corrected value, imported into both databases (after the import authorisation). */
    async applyCorrection(input: ItemRef & { value: string; processId: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { baseValue: input.value, creditValue: input.value, annotation: `已按异议处理 ${input.processId} 更正` });
    },

    /** 002 §31: no longer disclosed to the public; the data stays. */
    async stopDisclosure(input: ItemRef & { reason: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { disclosed: false, annotation: input.reason });
    },

    /** 002 §32: an unverifiable item is deleted with the reason recorded. */
    async deleteItem(input: ItemRef & { reason: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { deletedAt: new Date(), disclosed: false, annotation: input.reason });
    },

    /** 001 §116 四: what the check found is kept with the item (记载). */
    async annotateItem(input: ItemRef & { annotation: string }): Promise<void> {
      const item = await findItem(input);
      await items().update(item.id, { annotation: input.annotation });
    },
  };
}
