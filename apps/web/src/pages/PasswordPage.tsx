import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import ApiErrorAlert from '../components/ApiErrorAlert';

interface Fields {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const { t } = useI18n();
  const { mustChangePassword, passwordChanged } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (f: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.changePassword(f.currentPassword, f.newPassword);
      await passwordChanged(f.newPassword);
      message.success(t('password.done'));
      navigate('/inbox', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} data-testid="forced-password" />
      )}
      <Form<Fields> layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" id="currentPassword" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          dependencies={['currentPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v && v === getFieldValue('currentPassword') ? Promise.reject(new Error(t('password.same'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" id="newPassword" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" id="confirmPassword" />
        </Form.Item>
        {!!error && (
          <div style={{ marginBottom: 16 }}>
            <ApiErrorAlert error={error} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
