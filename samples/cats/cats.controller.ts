// samples/cats: NestJS's cats controller, ported by swapping imports: pipes, a Reflector-based guard, rxjs interceptors.
import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Post,
  UseGuards,
  UseInterceptors,
  ValidationPipe,
} from '@corbel/core';
import type { Observable } from 'rxjs';
import type { Cat } from './cat';
import { CatsService } from './cats.service';
import { Roles } from './common/roles.decorator';
import { RolesGuard } from './common/roles.guard';
import { TimeoutInterceptor } from './common/timeout.interceptor';
import { TransformInterceptor } from './common/transform.interceptor';
import { CreateCatDto } from './dto/create-cat.dto';

@Controller('/cats')
@UseGuards(RolesGuard)
@UseInterceptors(TransformInterceptor, TimeoutInterceptor)
export class CatsController {
  constructor(private readonly catsService: CatsService) {}

  /** POST /cats with `Authorization: Bearer admin` — admins only; the body is validated, unknown fields refused. */
  @Post()
  @Roles(['admin'])
  create(@Body(new ValidationPipe({ forbidNonWhitelisted: true })) createCatDto: CreateCatDto): Cat {
    return this.catsService.create(createCatDto);
  }

  /** GET /cats — the service's Observable; the answer is its last value, wrapped in { data }. */
  @Get()
  findAll(): Observable<Cat[]> {
    return this.catsService.findAll();
  }

  /** GET /cats/1 — ParseIntPipe makes the id a number; /cats/abc answers 404. */
  @Get('/:id')
  findOne(@Param('id', ParseIntPipe) id: number): Cat {
    return this.catsService.findOne(id);
  }
}
