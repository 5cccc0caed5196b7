import { developmentSecret, type Env } from '../config';

/** JWT_SECRET, or outside production one generated once into the data folder. */
export function jwtSecretFrom(env: Pick<Env, 'JWT_SECRET' | 'DATA_DIR'>): string {
  return env.JWT_SECRET ?? developmentSecret(env.DATA_DIR, 'jwt-secret');
}
