// DTOs for the validation suites (a separate module, imported as values so their metadata survives).
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

export class AddressDto {
  @IsString()
  zip!: string;
}

export class ItemDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

export class CreateUserDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @IsOptional()
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;
}

export class OrderDto {
  @IsString()
  customer!: string;

  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];
}

export class AddressRequiredDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

export class SearchQuery {
  @IsInt()
  @Min(1)
  page!: number;

  @IsOptional()
  @IsBoolean()
  exact?: boolean;
}

export class UserParams {
  @IsInt()
  id!: number;
}

export class ClientHeaders {
  @IsString()
  'x-client'!: string;
}

export class SessionCookies {
  @IsString()
  sid!: string;
}

@ValidatorConstraint({ name: 'isFreeName', async: true })
export class IsFreeName implements ValidatorConstraintInterface {
  async validate(value: unknown) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return value !== 'taken';
  }
  defaultMessage() {
    return 'name is already taken';
  }
}

export class SignupDto {
  @IsString()
  @Validate(IsFreeName)
  name!: string;
}
