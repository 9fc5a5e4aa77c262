// edXML (QCVN 102:2016/BTTTT): build, parse, sign and verify the envelopes official documents travel in.
export {
  EDXML_NS, XMLDSIG_NS, STATUS_CODES, EdxmlError,
  type EdxmlAttachment, type EdxmlErrorCode, type EdxmlMessage, type EdxmlOrgan, type EdxmlResponseFor, type EdxmlSigner,
  type EdxmlStatus, type EdxmlStatusCode, type EdxmlVerification,
} from './model';
export { buildEdxml, buildStatusEdxml } from './build';
export { kindOfEdxml, parseEdxml, parseStatusEdxml } from './parse';
export { openSignedEdxml, openSignedStatusEdxml, signEdxml, verifyEdxml, type EdxmlSignedBy } from './signature';
