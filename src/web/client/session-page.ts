/** Session Information (issue 11): the copy-link button and a live Pending countdown. */
import { enableCopyLinks } from './copy-link.js';
import { startCountdown } from './countdown.js';

enableCopyLinks();
startCountdown();
