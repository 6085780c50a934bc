// samples/responses: what the data layer hands back (an entity with secrets) and what the API promises (a DTO).
import { Exclude, Expose, Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';

export class TeamEntity {
  constructor(
    readonly name: string,
    readonly budget: number,
  ) {}

  @Exclude()
  readonly bankAccount = 'GB33 BUKB 2020 1555 5555 55';
}

/** A stored member: class-transformer's rules keep the password hash (and the admin-only email) home. */
export class MemberEntity {
  @Exclude()
  readonly passwordHash = '$2b$10$N9qo8uLOickgx2ZMRZoMye';

  @Expose({ groups: ['admin'] })
  readonly email: string;

  @Type(() => TeamEntity)
  readonly team: TeamEntity;

  constructor(
    readonly id: number,
    readonly name: string,
    email: string,
    team: TeamEntity,
    readonly lastLoginIp = '10.0.0.7',
  ) {
    this.email = email;
    this.team = team;
  }
}

export class TeamDto {
  @IsString()
  name!: string;
}

/** The public profile `@Returns(MemberDto)` promises: nothing else leaves, whatever the entity holds. */
export class MemberDto {
  @IsInt()
  id!: number;

  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => TeamDto)
  team!: TeamDto;

  /** Computed from whatever the handler returned. */
  @Expose()
  get initials(): string {
    return (this.name ?? '')
      .split(' ')
      .map((part) => part.slice(0, 1))
      .join('');
  }
}
