// The REST API of this server, with the key kept in sessionStorage (never in a URL, gone when
// the tab closes). Every error reply is an RFC 9457 problem with its ENGRAM code.
const KEY = 'engram.key';
const WHO = 'engram.who';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  who: () => JSON.parse(sessionStorage.getItem(WHO) || 'null'),
  save(key, who) {
    sessionStorage.setItem(KEY, key);
    sessionStorage.setItem(WHO, JSON.stringify(who));
  },
  clear() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(WHO);
  },
};

/** An error reply of the API, or a failure to reach it. */
export class ApiError extends Error {
  constructor(status, code, detail, field) {
    super(`${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.field = field;
  }

  static of(status, body, text) {
    if (body && body.code) {
      return new ApiError(status, body.code, body.detail || body.title || 'error', body.field);
    }
    return new ApiError(status, 'HTTP ' + status, (text || 'no reply').slice(0, 300));
  }
}

function headers(key, json) {
  const h = { Authorization: 'Bearer ' + key, Accept: 'application/json' };
  if (json) {
    h['Content-Type'] = 'application/json';
  }
  return h;
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    throw ApiError.of(response.status, body, text);
  }
  return body;
}

async function send(method, path, body, key = session.key()) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(key, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached (' + e.message + ')');
  }
  return parse(response);
}

export const api = {
  get: (path) => send('GET', path),
  post: (path, body) => send('POST', path, body),
  put: (path, body) => send('PUT', path, body),
  del: (path) => send('DELETE', path),
  /** Who this key is: {admin, tenant, key_id}; throws the API's 401 for a bad key. */
  whoami: (key) => send('GET', '/v1/whoami', undefined, key),
};

/** Builds a query string from the defined values of {@code params}. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Uploads one file as multipart with its fields; onProgress gets the fraction sent. XHR, not
 * fetch: only XHR reports upload progress.
 */
export function upload(file, fields, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [k, v] of Object.entries(fields)) {
      if (v) {
        form.append(k, v);
      }
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/documents');
    xhr.setRequestHeader('Authorization', 'Bearer ' + session.key());
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        reject(ApiError.of(xhr.status, body, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'the upload did not reach the server'));
    xhr.send(form);
  });
}

/**
 * POSTs {@code body} to an SSE route and calls onEvent(name, data) for each event as it arrives.
 * EventSource cannot POST or send a header, so this reads the stream itself.
 */
export async function stream(path, body, onEvent) {
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers: headers(session.key(), true),
      body: JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached (' + e.message + ')');
  }
  if (!response.ok) {
    await parse(response);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) {
          name = line.slice(7);
        } else if (line.startsWith('data: ')) {
          data += line.slice(6);
        }
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}
