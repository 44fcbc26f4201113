package rand

import "io"

// Reader is a source of random bytes from the default backend's DRBG. Its
// Read fills the whole buffer or returns an error (and then no bytes count
// as read). It is safe for concurrent use.
var Reader io.Reader = reader{private: false}

// PrivateReader is like [Reader] over the DRBG the backend keeps for
// private key material (OpenSSL's private DRBG).
var PrivateReader io.Reader = reader{private: true}

type reader struct{ private bool }

func (r reader) Read(b []byte) (int, error) {
	if err := defaultBackend().RandBytes(b, r.private); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Read fills b with random bytes from [Reader]. It returns len(b) and nil,
// or 0 and an error; on error, use none of b.
func Read(b []byte) (n int, err error) { return Reader.Read(b) }

// ReadPrivate fills b with random bytes from [PrivateReader], for private
// key material.
func ReadPrivate(b []byte) (n int, err error) { return PrivateReader.Read(b) }
