import { QueryFailedError } from 'typeorm';
import { isUnavailableError } from '../../apps/api/src/common/api-exception.filter';
import { isDatabaseUnavailable } from './db-resilience';

const named = (name: string, message = name) => Object.defineProperty(new Error(message), 'name', { value: name });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('which database errors mean "the database cannot be reached" (503, not 500)', () => {
  it.each([
    ['a terminated backend', new QueryFailedError('select 1', [], pgError('57P01', 'terminating connection due to administrator command'))],
    ['a server starting up', new QueryFailedError('select 1', [], pgError('57P03', 'the database system is starting up'))],
    ['a connection failure', new QueryFailedError('select 1', [], pgError('08006', 'connection failure'))],
    ['too many clients', new QueryFailedError('select 1', [], pgError('53300', 'sorry, too many clients already'))],
    ['a deadlock (retry)', new QueryFailedError('update', [], pgError('40P01', 'deadlock detected'))],
    ['a query runner released under a request', named('QueryRunnerAlreadyReleasedError', 'Query runner already released. Cannot run queries anymore.')],
    ['a transaction whose connection went away', named('QueryRunnerProviderAlreadyReleasedError')],
    ['no connection', named('ConnectionNotFoundError')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['an unexpected end', new Error('Connection terminated unexpectedly')],
    ['a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('insert', [], pgError('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', new QueryFailedError('selec', [], pgError('42601', 'syntax error at or near "selec"'))],
    ['an entity not found', named('EntityNotFoundError', 'Could not find any entity')],
    ['a plain bug', new TypeError('x is undefined')],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isUnavailableError(error)).toBe(false);
  });
});
