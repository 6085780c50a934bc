// DTOs for the compiled-check differential test: every supported constraint, nesting, arrays, options and messages.
import { Expose, Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEmpty,
  IsEnum,
  IsIn,
  IsInt,
  IsNegative,
  IsNotEmpty,
  IsNotIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  Validate,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

export enum Role {
  Admin = 'admin',
  User = 'user',
}

export enum Level {
  Low = 1,
  High = 2,
}

/** Every supported built-in constraint at least once, with options where the constraint takes them. */
export class EveryConstraintDto {
  @IsString()
  @IsNotEmpty()
  @MinLength(2)
  @MaxLength(8)
  name!: string;

  @IsEmail({ allow_display_name: true })
  email!: string;

  @IsInt()
  @Min(0)
  @Max(150)
  age!: number;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false })
  @IsPositive()
  price?: number;

  @IsOptional()
  @IsNegative()
  debt?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsIn(['red', 'green', 3])
  colour?: string;

  @IsOptional()
  @IsNotIn(['root', 'admin'])
  login?: string;

  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @IsEnum(Level)
  level?: Level;

  @IsOptional()
  @Equals('yes')
  consent?: string;

  @IsOptional()
  @NotEquals(0)
  divisor?: number;

  @IsOptional()
  @IsEmpty()
  honeypot?: string;

  @IsOptional()
  @Length(3, 5)
  code?: string;

  @IsOptional()
  @Matches(/^[a-z]+-\d+$/i)
  slug?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @ArrayNotEmpty()
  @IsInt({ each: true })
  @Min(1, { each: true })
  scores?: number[];

  @IsOptional()
  @IsObject()
  meta?: object;

  @IsDefined()
  @IsString()
  '7'!: string;
}

/** Custom messages: strings with every token, functions, and one constraint repeated (its message is replaced). */
export class MessagesDto {
  @IsString({ message: '$property of $target must be text, not $value' })
  @Length(2, 4, { message: '$property needs $constraint1 to $constraint2 characters (got "$value")' })
  title!: string;

  @IsInt({ message: (args: ValidationArguments) => `${args.property}=${String(args.value)} in ${args.targetName}` })
  @Min(10)
  @Min(20, { message: 'second min wins: $constraint1' })
  count!: number;

  @IsIn(['a', 'b'], { message: 'one of $constraint1' })
  @IsOptional()
  pick?: string;
}

export class AddressDto {
  @IsString()
  @Length(5, 5)
  zip!: string;

  @IsOptional()
  @IsString()
  street?: string;
}

export class ItemDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

export class TreeDto {
  @IsString()
  label!: string;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TreeDto)
  children?: TreeDto[];
}

/** Nesting: a required and an optional object, arrays with each, an untyped nested value, and a cycle. */
export class NestedDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  billing?: AddressDto;

  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];

  @IsOptional()
  @ValidateNested()
  loose?: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => TreeDto)
  tree?: TreeDto;
}

/** Field initialisers: kept when absent, and an undecorated one the whitelist removes (or forbids). */
export class DefaultsDto {
  @IsOptional()
  @IsString({ each: true })
  tags: string[] = [];

  @IsString()
  role = 'user';

  internal = 1;

  @Allow()
  note?: unknown;

  @ValidateIf((object: DefaultsDto) => object.role === 'admin')
  @IsString()
  @MinLength(4)
  secret?: string;

  // Two conditions: validated only when both hold.
  @IsOptional()
  @ValidateIf((object: DefaultsDto) => object.role !== 'guest')
  @IsString()
  nickname?: string;
}

export class BaseDto {
  @IsString()
  id!: string;

  @IsInt()
  version!: number;
}

/** Inheritance: a parent's constraints, one of them overridden by type on the child. */
export class DerivedDto extends BaseDto {
  @IsString()
  @MaxLength(3)
  override id = '';

  @IsBoolean()
  flag!: boolean;
}

/** Groups and always. */
export class GroupsDto {
  @IsString({ groups: ['create'] })
  name!: string;

  @IsInt({ groups: ['update'] })
  @Min(0, { always: true })
  count!: number;

  @IsOptional({ groups: ['update'] })
  @IsEmail()
  email?: string;
}

/** A query DTO: implicit conversion by declared type, repeated keys as arrays. */
export class SearchDto {
  @IsInt()
  @Min(1)
  page!: number;

  @IsOptional()
  @IsNumber()
  @Max(100)
  ratio?: number;

  @IsOptional()
  @IsBoolean()
  exact?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  q?: string;

  @IsOptional()
  @IsString({ each: true })
  tag?: string[];

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

@ValidatorConstraint({ name: 'isEven' })
export class IsEven implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'number' && value % 2 === 0;
  }
  defaultMessage() {
    return '$property must be even';
  }
}

/** A custom constraint: not in the compiled set, so the DTO stays on class-validator. */
export class CustomConstraintDto {
  @IsInt()
  @Validate(IsEven)
  count!: number;
}

/** A built-in outside the compiled set. */
export class UuidDto {
  @IsUUID()
  id!: string;
}

/** class-transformer features the compiled check does not reproduce. */
export class TransformedDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  name!: string;

  @Expose({ name: 'e-mail' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

/** A nested class that is itself unsupported makes its parent unsupported too. */
export class ParentOfUuidDto {
  @ValidateNested()
  @Type(() => UuidDto)
  child!: UuidDto;
}
