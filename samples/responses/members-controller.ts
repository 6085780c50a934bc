// samples/responses: entities answered by class-transformer's rules, and routes whose answers are declared.
import { Controller, Get, HTTPNotFound, Param, Returns, SerializeOptions } from '@corbel/core';
import { MemberDto, MemberEntity, TeamEntity } from './member';

const engines = new TeamEntity('Analytical Engines', 120_000);
const members = new Map([
  [1, new MemberEntity(1, 'Ada Lovelace', 'ada@example.com', engines)],
  [2, new MemberEntity(2, 'Charles Babbage', 'charles@example.com', engines)],
]);

function find(id: number): MemberEntity {
  const member = members.get(id);
  if (!member) throw new HTTPNotFound(`Member ${id} not found`);
  return member;
}

@Controller('/members')
export class MembersController {
  /** GET /members/1 — the entity itself: no passwordHash, no email, no bank account (class-transformer's rules). */
  @Get('/:id')
  findOne(@Param('id') id: number): MemberEntity {
    return find(id);
  }

  /** GET /members/1/admin — the same entity for the admin group: its email is exposed. */
  @Get('/:id/admin')
  @SerializeOptions({ groups: ['admin'] })
  forAdmins(@Param('id') id: number): MemberEntity {
    return find(id);
  }

  /** GET /members/1/profile — declared as MemberDto: only id, name, team.name and the computed initials. */
  @Get('/:id/profile')
  @Returns(MemberDto, { description: 'The public profile' })
  profile(@Param('id') id: number): MemberEntity {
    return find(id);
  }

  /** GET /members — every public profile, shaped item by item. */
  @Get()
  @Returns([MemberDto])
  list(): MemberEntity[] {
    return [...members.values()];
  }
}
