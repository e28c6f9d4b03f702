// 发起业务: the procedures the user may start, then the chosen one's start form.
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Form, Row, Select, Space, Typography } from 'antd';
import { api, newIdempotencyKey, type JsonObject, type ProcessType } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { canStart } from '../roles';
import { caseLink } from '../domain';
import ApiErrorAlert from '../components/ApiErrorAlert';
import SchemaForm, { type SchemaFormHandle } from '../components/SchemaForm';

export default function StartPage() {
  const { type } = useParams();
  const { t } = useI18n();
  const { held, processTypes } = useSession();
  const startable = useMemo(() => processTypes.filter((p) => canStart(held, p)), [processTypes, held]);

  if (!type) return <Chooser types={startable} />;
  const pt = startable.find((p) => p.type === type);
  if (!pt) return <Empty description={t('start.none')} />;
  return <StartForm key={pt.type} pt={pt} />;
}

function Chooser({ types }: { types: ProcessType[] }) {
  const { t, lang } = useI18n();
  return (
    <Card title={t('start.choose')}>
      {types.length === 0 ? (
        <Empty description={t('start.none')} />
      ) : (
        <Row gutter={[12, 12]} data-testid="start-types">
          {types.map((p) => (
            <Col key={p.type} xs={24} sm={12} lg={8} xxl={6}>
              <Link to={`/start/${encodeURIComponent(p.type)}`}>
                <Card hoverable size="small" data-type={p.type}>
                  <Typography.Text strong>{lang === 'zh' ? p.titleZh : p.title}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{lang === 'zh' ? p.title : p.titleZh}</Typography.Text>
                  </div>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function StartForm({ pt }: { pt: ProcessType }) {
  const { t, label, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const form = useRef<SchemaFormHandle>(null);
  const [input, setInput] = useState<JsonObject>({});
  const [policy, setPolicy] = useState<string | undefined>(pt.policies?.length === 1 ? pt.policies[0] : undefined);
  const [policyMissing, setPolicyMissing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // one key per filled-in form, so a retried submit does not start a second case
  const [idempotencyKey] = useState(newIdempotencyKey);
  const hasPolicies = !!pt.policies?.length;

  const submit = async () => {
    const policyOk = !hasPolicies || !!policy;
    setPolicyMissing(!policyOk);
    const formOk = form.current?.validate() ?? true;
    if (!policyOk || !formOk) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.startProcess(
        { type: pt.type, policy: hasPolicies ? policy : undefined, input: form.current?.value() ?? input },
        idempotencyKey,
      );
      message.success(t('start.started', { id: res.processId }));
      navigate(caseLink(res.processId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={lang === 'zh' ? pt.titleZh : pt.title}
      extra={<Link to="/start">{t('common.back')}</Link>}
      style={{ maxWidth: 960 }}
    >
      {hasPolicies && (
        <Form layout="vertical">
          <Form.Item
            label={t('start.policy')}
            required
            validateStatus={policyMissing ? 'error' : undefined}
            help={policyMissing ? t('start.policyRequired') : undefined}
          >
            <Select
              data-testid="policy"
              value={policy}
              onChange={(v: string) => (setPolicy(v), setPolicyMissing(false))}
              options={pt.policies!.map((p) => ({ value: p, label: `${label('policy', p)}（${p}）` }))}
              style={{ maxWidth: 360 }}
            />
          </Form.Item>
        </Form>
      )}
      <SchemaForm ref={form} schema={pt.inputSchema} formData={input} onChange={setInput} />
      {!!error && (
        <div style={{ margin: '12px 0' }}>
          <ApiErrorAlert error={error} onClose={() => setError(undefined)} />
        </div>
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={busy} onClick={submit} data-testid="start-submit">
          {t('start.submit')}
        </Button>
      </Space>
    </Card>
  );
}
