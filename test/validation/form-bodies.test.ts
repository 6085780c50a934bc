// Form bodies carry only strings: their DTOs and typed fields convert them as a query's are, JSON bodies stay strict.
import { Body, Controller, createApp, Post } from '@corbel/core';
import { expect } from 'chai';
import { IsInt, IsString, Min } from 'class-validator';

class PersonDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1000)
  year!: number;

  @IsString({ each: true })
  tags!: string[];
}

@Controller('/forms')
class FormsController {
  @Post('/person')
  person(@Body() person: PersonDto) {
    return { person, yearIsNumber: typeof person.year === 'number' };
  }

  @Post('/fields')
  fields(@Body('year') year: number, @Body('tags') tags: string[], @Body('name') name: string) {
    return { year, tags, name };
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('form bodies', () => {
  const app = createApp({ controllers: [FormsController], logger: false });

  it('a urlencoded body validates against a DTO with its strings converted, repeated fields as arrays', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/forms/person',
      headers: FORM,
      payload: 'name=Ada&year=1815&tags=math&tags=engines',
    });
    expect(response.statusCode).to.equal(201);
    expect(response.json()).to.deep.equal({
      person: { name: 'Ada', year: 1815, tags: ['math', 'engines'] },
      yearIsNumber: true,
    });
  });

  it('a form value that does not convert is a 422 naming the field, in the body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/forms/person',
      headers: FORM,
      payload: 'name=Ada&year=soon&tags=x&tags=y',
    });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.include.members([
      { loc: ['year'], msg: 'year must be an integer number', type: 'isInt', in: 'body' },
    ]);
  });

  it('@Body(field) converts a form field to its declared type, as @Query does', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/forms/fields',
      headers: FORM,
      payload: 'year=1815&tags=solo&name=Ada',
    });
    expect(response.json()).to.deep.equal({ year: 1815, tags: ['solo'], name: 'Ada' });
    const invalid = await app.inject({ method: 'POST', url: '/forms/fields', headers: FORM, payload: 'year=x' });
    expect(invalid.statusCode).to.equal(422);
    expect(invalid.json()).to.deep.equal([
      {
        loc: ['year'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        type: 'number_parsing',
        in: 'body',
      },
    ]);
  });

  it('a JSON body is not converted: a string where the DTO wants an integer stays a 422', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/forms/person',
      payload: { name: 'Ada', year: '1815', tags: ['x'] },
    });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.include.members([
      { loc: ['year'], msg: 'year must be an integer number', type: 'isInt', in: 'body' },
    ]);
    const field = await app.inject({ method: 'POST', url: '/forms/fields', payload: { year: '1815' } });
    expect(field.json()).to.deep.equal({ year: '1815' });
  });
});
