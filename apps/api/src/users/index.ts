/** What other modules may use of users/: lint forbids importing its files directly. */
export { toAuthUser } from './dto/user.dto';
export { PasswordHasher } from './password-hasher';
export { User } from './user.entity';
export { UsersModule } from './users.module';
export { UsersService } from './users.service';
