// samples/validation: DTO bodies and queries, an array of DTOs, and a route with its own error format.
import {
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  json,
  Post,
  Query,
  RequestValidationError,
  UseFilters,
} from '@corbel/core';
import { CreateUserDto, SearchQuery } from './dtos';

/** The error format of one route: a count and the first failure, for a client that shows one message. */
@Catch(RequestValidationError)
export class FirstErrorFilter implements ExceptionFilter<RequestValidationError> {
  catch(error: RequestValidationError) {
    const errors = error.errors();
    return json({ error: errors[0]?.msg, field: errors[0]?.loc.join('.'), count: errors.length }, 400);
  }
}

@Controller('/accounts')
export class AccountsController {
  /** POST /accounts with a JSON CreateUserDto → 201 with the validated instance (unknown fields stripped). */
  @Post()
  create(@Body() account: CreateUserDto) {
    return { created: account };
  }

  /** POST /accounts/batch with a JSON array of CreateUserDto → 201. */
  @Post('/batch')
  createMany(@Body({ type: [CreateUserDto] }) accounts: CreateUserDto[]) {
    return { created: accounts.length };
  }

  /** GET /accounts?page=2&q=ada → the query as a SearchQuery instance (page is a number). */
  @Get()
  search(@Query() query: SearchQuery) {
    return { page: query.page, q: query.q ?? null };
  }

  /** POST /accounts/quick → the same DTO, but errors answer 400 with the first failure only. */
  @Post('/quick')
  @UseFilters(FirstErrorFilter)
  quickCreate(@Body() account: CreateUserDto) {
    return { created: account.name };
  }
}
