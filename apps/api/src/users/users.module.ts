import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SmtpModule } from '../smtp/smtp.module';
import { PasswordHasher } from './password-hasher';
import { SmtpCredential } from './smtp-credential.entity';
import { SmtpCredentialsController } from './smtp-credentials.controller';
import { SmtpCredentialsService } from './smtp-credentials.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, SmtpCredential]), SmtpModule, AuditModule],
  controllers: [SmtpCredentialsController, UsersController],
  providers: [UsersService, SmtpCredentialsService, PasswordHasher],
  exports: [UsersService, SmtpCredentialsService, PasswordHasher],
})
export class UsersModule {}
