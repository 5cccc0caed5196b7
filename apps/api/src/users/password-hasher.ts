import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id hashing; verifying against a dummy hash for unknown emails keeps timing the same. */
@Injectable()
export class PasswordHasher {
  private readonly dummyHash = argon2.hash('sendas-timing-equaliser');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      if (hash) return await argon2.verify(hash, password);
      await argon2.verify(await this.dummyHash, password);
      return false;
    } catch {
      return false;
    }
  }
}
