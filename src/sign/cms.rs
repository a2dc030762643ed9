//! The CMS signature of a PAdES B-B signature: detached SignedData over
//! the PDF's byte ranges, SHA-256 with RSA, the signer's certificate (and
//! chain) included, and the ESS `signing-certificate-v2` attribute that
//! PAdES requires (no `signingTime`: the time is the signature
//! dictionary's `/M`). Built with RustCrypto's `cms` builder; the ESS
//! types are declared here with `der` derives, as `cms` 0.2 lacks them.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

use super::SignError;
use super::pkcs12::Identity;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// id-aa-signingCertificateV2 (RFC 5035).
const SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// IssuerSerial (RFC 5035).
#[derive(Clone, Debug, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// ESSCertIDv2 with the default hash algorithm (SHA-256), which DER omits.
#[derive(Clone, Debug, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

/// SigningCertificateV2 without policies.
#[derive(Clone, Debug, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn cms_err(e: impl std::fmt::Display) -> SignError {
    SignError::Cms(e.to_string())
}

/// DER of a detached CMS SignedData over content whose SHA-256 is `digest`.
pub fn signed_data(identity: &Identity, digest: &[u8]) -> Result<Vec<u8>, SignError> {
    let cert = &identity.certificate;
    let tbs = &cert.tbs_certificate;

    let cert_hash = Sha256::digest(cert.to_der().map_err(cms_err)?);
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(cert_hash.to_vec()).map_err(cms_err)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            },
        }],
    };
    let value = Any::from_der(&ess.to_der().map_err(cms_err)?).map_err(cms_err)?;
    let attribute =
        Attribute { oid: SIGNING_CERTIFICATE_V2, values: SetOfVec::try_from(vec![value]).map_err(cms_err)? };

    let eci = EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None };
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(identity.key.clone());
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: tbs.issuer.clone(),
        serial_number: tbs.serial_number.clone(),
    });
    let sha256 = AlgorithmIdentifierOwned { oid: SHA256, parameters: None };
    let mut info = SignerInfoBuilder::new(&signer, sid, sha256.clone(), &eci, Some(digest)).map_err(cms_err)?;
    info.add_signed_attribute(attribute).map_err(cms_err)?;

    let mut builder = SignedDataBuilder::new(&eci);
    builder.add_digest_algorithm(sha256).map_err(cms_err)?;
    for c in std::iter::once(cert).chain(&identity.chain) {
        builder.add_certificate(CertificateChoices::Certificate(c.clone())).map_err(cms_err)?;
    }
    builder.add_signer_info::<_, rsa::pkcs1v15::Signature>(info).map_err(cms_err)?;
    builder.build().map_err(cms_err)?.to_der().map_err(cms_err)
}
