// Shows an API error body plainly: what went wrong, the server's message and code,
// and one line per field in `details`.
import { Alert } from 'antd';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

export default function ApiErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t, label } = useI18n();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const explained = api ? label('error', api.code) : '';
  const known = api && explained !== api.code ? explained : undefined;
  const title = api?.code === 'NETWORK' ? t('error.network') : (known ?? t('error.title'));
  const details = api?.detailList ?? [];
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : false}
      role="alert"
      data-testid="api-error"
      title={title}
      description={
        <div>
          <div>
            {api ? api.message : error instanceof Error ? error.message : String(error)}
            {api && api.code !== 'NETWORK' && (
              <span style={{ color: '#888', marginLeft: 8 }}>
                ({t('error.code')}: {api.code}, HTTP {api.statusCode})
              </span>
            )}
          </div>
          {details.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {details.map((d, i) => (
                <li key={i}>
                  {d.field ? <b>{d.field}: </b> : null}
                  {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      }
    />
  );
}
