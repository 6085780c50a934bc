// What the users sample answers with, declared for its documentation (@Returns).
import { Doc } from '@corbel/openapi';
import { IsInt, IsString } from 'class-validator';

export class UserDto {
  @IsInt()
  @Doc({ example: 1 })
  id!: number;

  @IsString()
  @Doc({ example: 'Ada Lovelace' })
  name!: string;
}
