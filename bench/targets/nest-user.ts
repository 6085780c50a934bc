// Scenarios E and F for NestJS: the same entity and DTO, on the class-transformer copy Nest's interceptor loads.
import { Exclude, Expose } from 'class-transformer';
import { IsInt, IsString } from 'class-validator';

/** What a data layer returns for scenario E: ClassSerializerInterceptor drops the @Exclude()d password. */
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

/** Scenario F: `@SerializeOptions({ type: UserDto, excludeExtraneousValues: true })` sends only these. */
export class UserDto {
  @Expose()
  @IsInt()
  id!: number;

  @Expose()
  @IsString()
  name!: string;
}
