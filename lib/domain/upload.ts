// One entry of a batch sent to a book, in the engine's words: the database stores it (a batch in
// doubt), the ports carry it, and the ConnectyCube adapter alone knows its wire form
// (`destroy: 1`, lib/connectycube/client.ts).

/** An entry put in the book: created, or renamed if the book holds the phone already. */
export interface UpsertContact {
  phone: string;
  name: string;
  destroy?: never;
}

/** An entry taken out of the book. */
export interface DestroyContact {
  phone: string;
  destroy: true;
}

export type UploadContact = UpsertContact | DestroyContact;
