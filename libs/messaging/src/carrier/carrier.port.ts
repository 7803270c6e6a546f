/** What the carrier gets of an outbound message. */
export interface CarrierSubmission {
  messageId: string;
  from: string;
  to: string;
  text: string;
}

export interface CarrierAcceptance {
  carrierMessageId: string;
}

/**
 * The carrier the dispatcher hands messages to (`CARRIER` setting). A submission carries the
 * message id as its reference, so a carrier can recognise the resubmission after a crash.
 * Delivery reports come back as RecordDeliveryReport commands.
 */
export abstract class Carrier {
  abstract readonly name: string;
  abstract submit(message: CarrierSubmission): Promise<CarrierAcceptance>;
}
