import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the documentos básicos feature (templates under cards/documents/). Texts come from the feature's texts.ts. */

export interface DocumentPublishValues {
  titulo: string;
  version: string;
  enlace: string;
  /** AAAA-MM-DD. */
  desde: string;
  hasta: string;
}

export interface DocumentPublishCardData {
  title: string;
  intro: string;
  /** «Archivo: reglamento.pdf (120 KB)», or empty when the document is a link. */
  fileLine: string;
  values: DocumentPublishValues;
  /** Unique per card: the same card pressed twice publishes once. */
  token: string;
  /** The staged file's id, or empty (a link). */
  fileId: string;
  /** The document a new version is for, or empty (a new document). */
  documentId: string;
}

/** "documento publicar": title, version, link (when no file is attached) and the observation window. */
export function renderDocumentPublishCard(data: DocumentPublishCardData): CardJson {
  return renderTemplate('documentPublish', { ...data, hasFile: data.fileLine !== '', verbs: VERBS });
}

export interface DocumentNoticeCardData {
  heading: string;
  title: string;
  intro: string;
  facts: { label: string; value: string }[];
  /** The https link of a document published as a link; empty for a file (opened through the bot). */
  url: string;
  observeIntro: string;
  documentId: string;
  seq: number;
}

/** What each member receives 1:1: "Abrir", "He leído el documento" and "Enviar observaciones". */
export function renderDocumentNoticeCard(data: DocumentNoticeCardData): CardJson {
  return renderTemplate('documentNotice', { ...data, isLink: data.url !== '', verbs: VERBS });
}

export interface DocumentSummaryCardData {
  title: string;
  note: string;
  sections: { heading: string; lines: string[] }[];
}

/** "documentos" and "documentos estado": one section per document. */
export function renderDocumentSummaryCard(data: DocumentSummaryCardData): CardJson {
  return renderTemplate('documentSummary', {
    title: data.title,
    note: data.note,
    hasNote: data.note !== '',
    sections: data.sections.map((s) => ({ heading: s.heading, lines: s.lines.map((text) => ({ text })) })),
  });
}
