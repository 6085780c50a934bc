// Scenarios E and F for Corbel: a stored user entity with an @Exclude()d password, and the declared answer type.
import { IsInt, IsString } from 'class-validator';
// The copy of class-transformer @corbel/core itself loads (the repo's root node_modules): its metadata storage is a
// module, not a global, so decorators applied through bench's own copy would be invisible to Corbel.
import { Exclude } from '../../node_modules/class-transformer';

/** What a data layer returns for scenario E: the password is excluded by class-transformer's rules. */
export class UserEntity {
  @Exclude()
  readonly password: string;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly email: string,
    password: string,
  ) {
    this.password = password;
  }
}

/** Scenario F's declared answer: `@Returns(UserDto)` compiles a serializer for exactly these properties. */
export class UserDto {
  @IsInt()
  id!: number;

  @IsString()
  name!: string;
}
