/**
 * P4 Product approval with tiered review (产品新增/修改, 001 §22–32):
 * proposal (征信产品立项书) → tier 1 dept-approval (product) → tier 2 it-approval → dev-setup
 * (product set up in development, test plan) → test-run until a run passes → tier 3 the review
 * committee (secretary records, members sign) → maintenance-notice → tier 4 gm-sign → maintenance
 * by the sysadmin in the next non-business-hours window → departments told on the 2nd working
 * day → archive. Any tier approves, rejects (the case ends, reason recorded) or returns one step.
 * Also run as a child of P4c (indicator maintenance) for each product an indicator feeds.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { COMMITTEE_DECISIONS, CommitteeDecision, OutputFormat, PRODUCT_POLICY, PRODUCT_TYPE_ZH, ProductProposal } from '../libs/domain/product-policy';
import { acts, CaseAbandoned, CaseRun, Decided, reads } from './case-run';
import { tiers } from './review-parts';

export interface CommitteeOutcome {
  decision: CommitteeDecision;
  record: Decided<CommitteeDecision>;
  signedBy: string[];
}

/**
 * The review committee (评审委员会, 001 §26(三)(2), §30(三)(2)): the secretary records the meeting's
 * result (approve, return to testing, revise the proposal, reject), then members confirm the
 * record by signing (参会人员签字确认) — each a different member, never the secretary who wrote it
 * (four-eyes). A member who finds the record wrong returns it: the secretary records again and
 * signing starts over on the new record. The result takes effect only once signed.
 */
export class Committee {
  private records = 0;

  constructor(private readonly run: CaseRun) {}

  async review(spec: { title: string; form: string; prefill: Record<string, unknown>; caseData?: Record<string, unknown> }): Promise<CommitteeOutcome> {
    for (;;) {
      const record = await this.run.task({
        status: 'committee-review',
        step: 'committee-review',
        title: spec.title,
        candidateRoles: ['committee_secretary'],
        decisions: COMMITTEE_DECISIONS,
        reasonRequired: ['revise'],
        form: spec.form,
        prefill: spec.prefill,
        caseData: spec.caseData,
      });
      this.records += 1;
      // Signatures belong to one record: a step of their own, so no member signs the same record twice.
      const step = `committee-sign-${this.records}`;
      const signedBy: string[] = [];
      let disputed = false;
      for (let n = 1; n <= PRODUCT_POLICY.committeeSignatures && !disputed; n++) {
        const signature = await this.run.task({
          status: 'committee-signing',
          step,
          title: `评审委员签字确认评审意见（${n}/${PRODUCT_POLICY.committeeSignatures}）`,
          candidateRoles: ['review_committee'],
          decisions: ['sign', 'return'] as const,
          notBy: ['committee-review', step],
          prefill: { decision: record.decision, reason: record.comment ?? null, record: record.data, recordedBy: record.actor },
        });
        if (signature.decision === 'return') disputed = true;
        else signedBy.push(signature.actor);
      }
      if (disputed) continue;
      await this.run.setStatus('committee-decided', { committee: { decision: record.decision, reason: record.comment ?? null, recordedBy: record.actor, signedBy } });
      return { decision: record.decision, record, signedBy };
    }
  }
}

type Stage = 'proposal' | 'approval' | 'dev-setup' | 'test-run' | 'committee' | 'maintenance-notice' | 'gm-sign';
type Outcome = 'launched' | 'modified' | 'rejected';

export async function productApprovalWorkflow(start: ProcessStart<ProductProposal>): Promise<ProcessResult> {
  const run = new CaseRun(start);
  const committee = new Committee(run);
  let proposal = start.input;
  let setUps = 0;
  let testRuns = 0;
  let notice: { noticeNo?: string; outputFormats?: OutputFormat[]; notes?: string } = {};

  const documents = () => [
    { name: '市场调查报告', ref: proposal.productCode },
    { name: '征信产品立项书', ref: proposal.productCode },
    ...(testRuns ? [{ name: `产品测试报告（${testRuns}次测试）`, ref: proposal.productCode }] : []),
    ...(run.actorsOf('committee-review').length ? [{ name: '产品评审意见书', ref: proposal.productCode }] : []),
    ...(notice.noticeNo ? [{ name: '征信产品维护通知单', ref: notice.noticeNo }] : []),
  ];

  /** Ending without maintenance: development goes back to what production has. */
  const discardDevelopment = async () => {
    if (setUps) await acts.discardProductDevelopment({ processId: run.processId, productCode: proposal.productCode, by: 'system', at: run.now().toISOString() });
  };

  const rejected = async (rejection: { step: string; actor: string; reason: string }): Promise<ProcessResult> => {
    await discardDevelopment();
    await run.setStatus('rejected', { rejection });
    await run.archive(documents());
    return run.finish('rejected' satisfies Outcome, { rejection, productCode: proposal.productCode });
  };

  const body = async (): Promise<ProcessResult> => {
    let stage: Stage = 'proposal';
    let problem: string | null = null;
    let returned: { step: string; by: string; reason: string } | null = null;

    for (;;) {
      switch (stage) {
        case 'proposal': {
          const submitted = await run.task({
            status: 'proposal',
            step: 'proposal',
            title: run.actorsOf('proposal').length ? '修改征信产品立项书' : '提交征信产品立项书',
            candidateRoles: ['product_developer'],
            decisions: ['submit'] as const,
            form: 'product-proposal',
            prefill: { ...proposal },
            caseData: { proposalProblem: problem, returned },
            abandonable: true,
          });
          const next = submitted.data as unknown as ProductProposal;
          problem =
            next.productCode !== proposal.productCode || next.serviceType !== proposal.serviceType
              ? `产品编号和服务类型不能修改（${proposal.serviceType} ${proposal.productCode}）；如需另立项请放弃本案`
              : await reads.checkProductProposal({ processId: run.processId, proposal: next });
          if (problem) continue;
          proposal = next;
          returned = null;
          await run.setStatus('proposed', { proposal, proposalProblem: null, returned: null });
          stage = 'approval';
          break;
        }

        case 'approval': {
          // 001 §26(一)(2): 经本部门负责人批准后 … 经信息技术部负责人批准后.
          const outcome = await tiers(run, [
            { status: 'dept-approval', step: 'dept-approval', title: '产品研发部负责人审批征信产品立项书', candidateRoles: ['dept_head@product'], notBy: ['proposal'], prefill: { ...proposal } },
            { status: 'it-approval', step: 'it-approval', title: '信息技术部负责人审批征信产品立项书', candidateRoles: ['dept_head@it'], notBy: ['proposal'], prefill: { ...proposal } },
          ]);
          if (outcome.result === 'rejected') return rejected(outcome);
          if (outcome.result === 'returned') {
            returned = { step: 'dept-approval', by: outcome.actor, reason: outcome.reason };
            stage = 'proposal';
            break;
          }
          stage = 'dev-setup';
          break;
        }

        case 'dev-setup': {
          const plan = await run.task({
            status: 'dev-setup',
            step: 'dev-setup',
            title: '在开发系统中增加产品并填写产品测试方案',
            candidateRoles: ['product_manager'],
            decisions: ['done'] as const,
            form: 'product-test-plan',
            prefill: { productCode: proposal.productCode, productName: proposal.productName, indicatorCodes: proposal.indicatorCodes },
          });
          setUps += 1;
          const { version } = await acts.setUpProductInDevelopment({ processId: run.processId, round: setUps, proposal, testPlan: { ...plan.data }, by: plan.actor, at: run.now().toISOString() });
          await run.setStatus('testing', { development: { version, setUpBy: plan.actor } });
          stage = 'test-run';
          break;
        }

        case 'test-run': {
          // 001 §26(二): tested in development with simulated data; every run's result is recorded.
          const tested = await run.task({
            status: 'testing',
            step: 'test-run',
            title: `产品测试（第${testRuns + 1}次），填写产品测试报告`,
            candidateRoles: ['product_developer'],
            decisions: ['passed', 'failed'] as const,
            form: 'product-test-run',
            caseData: { testRuns },
            abandonable: true,
          });
          testRuns += 1;
          await acts.recordCatalogueTestRun({ processId: run.processId, subject: 'product', code: proposal.productCode, round: testRuns, result: tested.decision, report: { ...tested.data }, testedBy: tested.actor, testedAt: run.now().toISOString() });
          if (tested.decision === 'passed') stage = 'committee';
          break;
        }

        case 'committee': {
          const review = await committee.review({
            title: '产品评审（评审委秘书填写产品评审意见书）',
            form: 'product-review-opinion',
            prefill: { reviewType: proposal.serviceType === 'new' ? 'launch' : 'modify' },
            caseData: { testRuns },
          });
          const reason = { step: 'committee-review', actor: review.record.actor, reason: review.record.comment ?? '' };
          if (review.decision === 'reject') return rejected(reason);
          if (review.decision === 'return') stage = 'test-run';
          else if (review.decision === 'revise') {
            returned = { step: reason.step, by: reason.actor, reason: reason.reason };
            stage = 'proposal';
          } else stage = 'maintenance-notice';
          break;
        }

        case 'maintenance-notice': {
          // 001 §26(三)(3): the product department fills the notice from the review opinion.
          const filled = await run.task({
            status: 'maintenance-notice',
            step: 'maintenance-notice',
            title: '填写征信产品维护通知单',
            candidateRoles: ['product_developer'],
            decisions: ['submit'] as const,
            form: 'product-maintenance-notice',
            prefill: { outputFormats: proposal.outputFormats?.length ? proposal.outputFormats : ['PDF'], ...notice },
          });
          notice = filled.data as typeof notice;
          stage = 'gm-sign';
          break;
        }

        case 'gm-sign': {
          // 001 §26(三)(4): the notice takes effect once the general manager signs it.
          const outcome = await tiers(run, [
            {
              status: 'gm-sign',
              step: 'gm-sign',
              title: '总经理签发征信产品维护通知单',
              candidateRoles: ['center_head'],
              notBy: ['maintenance-notice'],
              prefill: { ...proposal, ...notice, maintenanceType: proposal.serviceType === 'new' ? 'add' : 'modify' },
            },
          ]);
          if (outcome.result === 'rejected') return rejected(outcome);
          if (outcome.result === 'returned') {
            stage = 'maintenance-notice';
            break;
          }
          return maintain();
        }
      }
    }
  };

  /** 001 §26(四): production is changed only outside business hours (非营业时间). */
  const maintain = async (): Promise<ProcessResult> => {
    await run.waitForMaintenanceWindow();
    const done = await run.task({
      status: 'maintenance',
      step: 'maintenance',
      title: proposal.serviceType === 'new' ? '生产环境新增产品并启用（非营业时间）' : '生产环境停止、修改并启用产品（非营业时间）',
      candidateRoles: ['sysadmin'],
      decisions: ['done'] as const,
      form: 'catalogue-maintenance-record',
      prefill: { ...proposal, ...notice, operationNote: proposal.serviceType === 'new' ? '按维护通知单在生产环境新增产品并做启用标志' : '按维护通知单在生产环境先停止产品，再修改产品并做启用标志' },
    });
    // A decision taken during business hours is carried out in the next window.
    await run.waitForMaintenanceWindow();
    const at = run.now().toISOString();
    const maintenance = await acts.applyProductMaintenance({
      processId: run.processId,
      productCode: proposal.productCode,
      serviceType: proposal.serviceType,
      outputFormats: notice.outputFormats ?? ['PDF'],
      by: done.actor,
      at,
    });
    await run.setStatus('maintained', { maintenance: { ...maintenance, by: done.actor, at } });
    const what = proposal.serviceType === 'new' ? '新增' : '修改';
    await run.notifyDepartmentsOnWorkingDay(PRODUCT_POLICY.notifyOnWorkingDay, {
      title: `产品维护通知：${what}产品 ${proposal.productName}`,
      body: `征信产品「${proposal.productName}」（${proposal.productCode}，${PRODUCT_TYPE_ZH[proposal.productType]}）已于 ${at} 在生产环境${what}并启用，版本 ${maintenance.version}。`,
    });
    await run.archive(documents());
    return run.finish((proposal.serviceType === 'new' ? 'launched' : 'modified') satisfies Outcome, { productCode: proposal.productCode, version: maintenance.version, operations: maintenance.operations, testRuns });
  };

  return run.run(async () => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CaseAbandoned) await discardDevelopment();
      throw error;
    }
  });
}
