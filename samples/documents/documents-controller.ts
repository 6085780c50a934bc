// samples/documents: upload a file with a validated form, download it, and watch uploads live over SSE.
import { Body, Controller, Get, html, Param, Post, ResponseValue, Sse, UploadedFile } from '@corbel/core';
import { DocumentDto } from './document-dto';
import { DOCUMENTS_PAGE } from './documents-page';
import { DocumentsService, type StoredDocument } from './documents-service';

const TWO_MEBIBYTES = 2 * 1024 * 1024;

@Controller('/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** GET /documents/page — a form to upload with, and the live list of uploads. */
  @Get('/page')
  page() {
    return html(DOCUMENTS_PAGE);
  }

  /**
   * POST /documents, multipart/form-data with `title`, optional `rating` and a `file`: images or PDFs up to 2 MiB,
   * checked by declared type and by content. A missing file or a bad field is a 422; a bigger file a 413.
   */
  @Post()
  upload(
    @UploadedFile('file', { maxSize: TWO_MEBIBYTES, mimeTypes: ['image/png', 'image/jpeg', 'application/pdf'] })
    file: UploadedFile,
    @Body() fields: DocumentDto,
  ): StoredDocument {
    const { fileName, mimeType, size } = file;
    return this.documents.add(
      { title: fields.title, rating: fields.rating ?? null, fileName, mimeType, size },
      file.buffer ?? Buffer.alloc(0),
    );
  }

  /** GET /documents — what was uploaded so far. */
  @Get()
  list(): StoredDocument[] {
    return this.documents.list();
  }

  /** GET /documents/events — `added` events as documents arrive (EventSource reconnects by itself). */
  @Sse('/events')
  events() {
    return this.documents.changes();
  }

  /** GET /documents/1/content — the bytes, with the type they were uploaded as. */
  @Get('/:id/content')
  content(@Param('id') id: number): ResponseValue {
    const { document, bytes } = this.documents.content(id);
    return new ResponseValue(200, [['content-type', document.mimeType]], bytes);
  }
}
