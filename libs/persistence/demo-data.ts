/** The demo users of API.md and a little sample credit data, for the embedded setup. */
import { residentIdCheckCharacter } from '../domain/subject-code';
import type { Department, Role } from '../domain/roles';
import { usccCheckCharacter } from '../domain/uscc';

export const DEMO_PASSWORD = 'demo-pass-2026';

type Grant = [Role, Department?];
export const DEMO_USERS: Array<{ username: string; displayName: string; roles: Grant[] }> = [
  ...[1, 2].map((n) => ({ username: `service_clerk_${n}`, displayName: `信息服务人员${n}`, roles: [['service_clerk']] as Grant[] })),
  ...[1, 2].map((n) => ({ username: `service_reviewer_${n}`, displayName: `复核人员${n}`, roles: [['service_reviewer']] as Grant[] })),
  ...[1, 2].map((n) => ({ username: `it_staff_${n}`, displayName: `信息技术人员${n}`, roles: [['it_staff']] as Grant[] })),
  ...[1, 2].map((n) => ({ username: `data_collector_${n}`, displayName: `信息采集人员${n}`, roles: [['data_collector']] as Grant[] })),
  ...[1, 2].map((n) => ({ username: `data_manager_${n}`, displayName: `数据管理人员${n}`, roles: [['data_manager']] as Grant[] })),
  { username: 'it_head', displayName: '信息技术部负责人', roles: [['dept_head', 'it']] },
  { username: 'product_head', displayName: '产品部负责人', roles: [['dept_head', 'product']] },
  { username: 'cs_head', displayName: '客户服务部负责人', roles: [['dept_head', 'customer_service']] },
  { username: 'collection_head', displayName: '信息采集部负责人', roles: [['dept_head', 'collection']] },
  { username: 'general_head', displayName: '综合管理部负责人', roles: [['dept_head', 'general']] },
  { username: 'division_leader_1', displayName: '分管领导', roles: [['division_leader']] },
  ...[1, 2].map((n) => ({ username: `committee_member_${n}`, displayName: `评审委员${n}`, roles: [['review_committee']] as Grant[] })),
  { username: 'committee_secretary_1', displayName: '评审委员会秘书', roles: [['committee_secretary'], ['review_committee']] },
  { username: 'center_head', displayName: '中心负责人', roles: [['center_head']] },
  { username: 'sysadmin_1', displayName: '系统管理员', roles: [['sysadmin']] },
  { username: 'supervisor_admin_1', displayName: '主管管理员', roles: [['supervisor_admin']] },
  { username: 'archivist_1', displayName: '档案管理人员', roles: [['archivist']] },
  { username: 'marketer_1', displayName: '市场营销人员', roles: [['marketer']] },
  { username: 'cashier_1', displayName: '收款人员', roles: [['cashier']] },
  { username: 'product_developer_1', displayName: '产品研发人员', roles: [['product_developer']] },
  { username: 'product_manager_1', displayName: '产品管理人员', roles: [['product_manager']] },
  ...[1, 2].map((n) => ({ username: `analyst_${n}`, displayName: `调查分析员${n}`, roles: [['analyst']] as Grant[] })),
  { username: 'supervisor_1', displayName: '业务监督', roles: [['supervisor']] },
  { username: 'auditor_1', displayName: '审计稽核', roles: [['auditor']] },
];

/** A valid unified social credit code from its first 17 characters. */
export function uscc(first17: string): string {
  return first17 + usccCheckCharacter(first17);
}

/** A resident identity number (GB 11643) from its first 17 digits. */
export function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}

export interface SampleItem {
  itemName: string;
  providerName: string;
  baseValue: string;
  creditValue: string;
}

/** Items per subject: one internal difference (base ≠ credit) so every branch can be shown. */
export function sampleItemsFor(subjectName: string): SampleItem[] {
  return [
    { itemName: '企业名称', providerName: '市市场监督管理局', baseValue: subjectName, creditValue: subjectName },
    { itemName: '注册资本', providerName: '市市场监督管理局', baseValue: '500万元', creditValue: '500万元' },
    { itemName: '法定代表人', providerName: '市市场监督管理局', baseValue: '张明', creditValue: '张明' },
    { itemName: '行政处罚记录', providerName: '市生态环境局', baseValue: '2025-03-12 环境违法罚款2万元', creditValue: '2025-03-12 环境违法罚款2万元' },
    { itemName: '欠税记录', providerName: '市税务局', baseValue: '无', creditValue: '2024年第三季度欠缴增值税1.2万元' },
    { itemName: '贷款余额', providerName: '某商业银行武汉分行', baseValue: '300万元', creditValue: '300万元' },
    { itemName: '查询记录', providerName: '征信中心', baseValue: '2026-09-01 某银行 贷后管理', creditValue: '2026-09-01 某银行 贷后管理' },
  ];
}

/** A natural person may be a subject of records and object to them (002 §10–12, 003 C.3). */
export const SAMPLE_PERSONS = [{ subjectName: '李晓明', subjectCode: residentId('42010219850615001') }];

export function samplePersonItems(): SampleItem[] {
  return [
    { itemName: '姓名', providerName: '市公安局', baseValue: '李晓明', creditValue: '李晓明' },
    { itemName: '行政处罚记录', providerName: '市交通运输局', baseValue: '2025-06-03 道路运输违规罚款2000元', creditValue: '2025-06-03 道路运输违规罚款2000元' },
    { itemName: '志愿服务记录', providerName: '市文明办', baseValue: '2024年志愿服务120小时', creditValue: '2024年志愿服务120小时' },
  ];
}

export const SAMPLE_SUBJECTS = [
  { subjectName: '武汉长江示范科技有限公司', subjectCode: uscc('91420100MA4K00001') },
  { subjectName: '湖北楚天示范贸易有限公司', subjectCode: uscc('91420100MA4K00002') },
  { subjectName: '武汉光谷示范信息服务有限公司', subjectCode: uscc('91420100MA4K00003') },
];
