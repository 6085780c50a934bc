// The documents sample as a module: its controller and the service that keeps the uploads.
import { Module } from '@corbel/core';
import { DocumentsController } from './documents-controller';
import { DocumentsService } from './documents-service';

@Module({ controllers: [DocumentsController], providers: [DocumentsService] })
export class DocumentsModule {}
