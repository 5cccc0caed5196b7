import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('keeps the kind, message and SQLSTATE of a failed query but none of its parameters or row data', () => {
    const driverError = Object.assign(new Error('value too long for type character varying(8)'), {
      code: '22001',
      detail: 'Failing row contains ($argon2id$v=19$m=65536$secret-hash).',
    });
    const error = new QueryFailedError('INSERT INTO users VALUES ($1, $2)', ['$argon2id$v=19$m=65536$secret-hash', 'v1:k1:ciphertext'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(JSON.parse(logged)).toMatchObject({ type: 'QueryFailedError', message: 'value too long for type character varying(8)', code: '22001' });
    expect(logged).not.toContain('secret-hash');
    expect(logged).not.toContain('ciphertext');
  });

  it('says something useful about values that are not errors', () => {
    expect(loggableError('boom')).toEqual({ type: 'string', message: 'A non-error value was thrown' });
  });
});
