// The DTOs of the validation sample: nested objects, arrays, and a query with implicit conversion.
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

export class AddressDto {
  @IsString()
  street!: string;

  @Matches(/^\d{5}$/, { message: 'zip must be five digits' })
  zip!: string;
}

export class CreateUserDto {
  @IsString()
  @Length(1, 40)
  name!: string;

  @IsEmail()
  email!: string;

  // Without @IsDefined a missing nested object would pass: class-validator skips undefined nested values.
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(5)
  tags: string[] = [];
}

export class SearchQuery {
  // Query strings arrive as text: implicit conversion makes '2' a number before @IsInt checks it.
  @IsInt()
  @Min(1)
  page!: number;

  @IsOptional()
  @IsString()
  q?: string;
}
